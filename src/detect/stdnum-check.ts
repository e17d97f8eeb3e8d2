// Adapter to the stdnum package (koblas/stdnum-js): a maintained validator per national id.
import { stdnum } from 'stdnum'

/** A validity test for one stdnum module; throws at load time if the module is missing. */
export function stdnumCheck(country: string, module: string): (value: string) => boolean {
  const validator = stdnum[country]?.[module]
  if (validator === undefined) throw new Error(`stdnum has no ${country}/${module} validator`)

  return (value) => validator.validate(value).isValid
}
