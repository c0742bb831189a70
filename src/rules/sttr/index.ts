/** STTR (toepasbare regels): load an Omgevingswet rule file and hold a question-and-answer conversation over it. */
export { loadSttr, STTR_NS, type Measure, type Question, type QuestionOption, type QuestionType, type RuleInfo, type SttrModel } from './model.js';
export { answer, next, start, SttrError, type ConclusionStep, type Conversation, type FailedStep, type OutsideStep, type QuestionStep, type Step } from './conversation.js';
export { authorityOf, LOCATION_ANSWERS, type Authority, type AuthorityKind, type LocationFinding } from './location.js';
export { activityIdOf, MAX_STTR_BYTES, readSttrFile, SttrFileError, type ReadSttr, type SttrRefusal } from './validate.js';
