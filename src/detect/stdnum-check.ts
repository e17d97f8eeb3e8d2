// Adapter to the stdnum package (koblas/stdnum-js): a maintained validator per national id.
import { stdnum } from 'stdnum'

/**
 * A validity test for one stdnum module; throws at load time if the module is missing.
 * stdnum reports an invalid value by constructing an Error; its stack trace is never read
 * here and capturing one for every rejected candidate was a measurable share of the scan,
 * so none is captured while the validator runs.
 */
export function stdnumCheck(country: string, module: string): (value: string) => boolean {
  const validator = stdnum[country]?.[module]
  if (validator === undefined) throw new Error(`stdnum has no ${country}/${module} validator`)

  return (value) => {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      return validator.validate(value).isValid
    } finally {
      Error.stackTraceLimit = limit
    }
  }
}
