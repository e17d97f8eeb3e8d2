// Common given names (English-speaking countries, Western and Northern Europe, Spain, Italy,
// India), lower case. A capitalised pair starting with one of these is read as a person's
// name. The list is deliberately short: a name dictionary is a weak signal on its own.
// TODO: No NER model: names outside this list are only found after titles, salutations and
// "name:" labels. An ONNX NER model (classify/ already loads onnxruntime) would close it.
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  `aaron adam adrian aisha alan albert alex alexander alexandra alice alicia amanda amelia amy
  ana andrea andreas andrew angela anna anne anthony antonio arjun arthur ashley barbara ben
  benjamin bernd beth betty bill bob brandon brian bruce carl carla carlos carmen carol caroline
  catherine charles charlie charlotte chloe chris christian christina christine christopher
  claire claudia craig dan daniel daniela david deborah dennis diana diego dieter donald donna
  dorothy doug douglas dylan edward elena elizabeth ella emily emma eric erik eva frank fatima
  felix francesca francesco frank fred gabriel gary george giovanni giulia giuseppe grace greg
  hannah hans harry heather heinz helen henry ian isabel isabella jack jacob james jan jane
  janet jason javier jean jeff jennifer jessica jim joan joe johan johann john jonathan jorge
  jose josef joseph joshua juan julia julie justin karen karin karl kate katherine kathleen
  kevin kim klaus kyle laura lauren lea leon linda lisa liam lucas lucia luis luke marco
  margaret maria marie mario mark martin mary matthew max megan melissa michael michelle
  mike mohammed muhammad nancy natalie nathan nicholas nicole noah olivia oliver pablo pamela
  patricia patrick paul paula peter petra philip pierre priya rachel rahul raj ralph rebecca
  richard robert roberto ronald rose ruth ryan sam samantha samuel sandra sara sarah scott
  sean sebastian sergio sharon sophia sophie stefan stephanie stephen steve steven susan
  thomas tim timothy tom tony tyler ursula victoria vincent walter wayne william wolfgang
  yusuf zoe`.split(/\s+/),
)
