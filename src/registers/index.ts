import type { Capability } from '../kernel/capability.js';
import { importAlgorithmsCommand } from './cli.js';
import { seedRegistersDemo } from './demo.js';
import { registersMigrations } from './migrations.js';
import { registersRoutes } from './routes.js';
import { seedSensorDemo } from './sensors/demo.js';

export type { Algorithm } from './algorithms/model.js';
export type { Assessment, Outcome } from './ai-act/assess.js';
export { assess } from './ai-act/assess.js';
export { QUESTIONS, type Answer, type Question } from './ai-act/questionnaire.js';
export type { ProcessingRecord } from './processing/model.js';
export { addProcessingSource, type ProcessingSource } from './processing/sources.js';
export { addTraceabilitySource } from './traceability/report.js';
export { classifyItem, classifyMandates, type TraceClass } from './traceability/classify.js';
export type { SensorEntry, SensorStream, DeviceCategory } from './sensors/model.js';
export { sensorTraceSource } from './sensors/trace-source.js';
export type { TraceabilitySource, TraceItem, TraceKind } from './traceability/sources.js';

export const registers: Capability = {
  name: 'registers',
  tag: {
    name: 'registers',
    description: 'Transparency registers: algorithms (publication standard 1.0, EU AI Act helper), processing activities (AVG art. 30), and democratic traceability of everything the platform runs',
  },
  migrations: registersMigrations,
  routes: registersRoutes,
  async seedDemo(ctx) {
    await seedRegistersDemo(ctx);
    await seedSensorDemo(ctx);
  },
  commands: [importAlgorithmsCommand],
};
