/** Public API of the DMN engine: compile a model once, evaluate it many times. */
export { compileDmn } from './engine.js';
export type { CompiledModel, CompileDmnOptions, DecisionInfo, DmnMessage, EvaluateOptions, EvaluationResult, FiredRule } from './engine.js';
export { DmnError, DmnEvaluationError, FeelSyntaxError, type DmnErrorCode } from './errors.js';
export { compileExpression, compileUnaryTests, type Evaluator, type UnaryTester } from './feel/compile.js';
export { EvalContext } from './feel/context.js';
export { Scope } from './feel/scope.js';
export { DtDuration, FeelDate, FeelDateTime, FeelFunction, FeelRange, FeelTime, YmDuration, feelString, feelEquals } from './feel/values.js';
export { readDmn, type DmnModel } from './model.js';
export { parseXml, type XmlElement } from './xml.js';
