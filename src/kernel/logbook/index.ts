export { LOGBOOK_MIGRATIONS } from './migrations.js';
export { Logbook, type OpenSpan } from './logbook.js';
export { processingEntry, processingInput, PROCESSING_STATUSES, type LogbookFilter, type ProcessingEntry, type ProcessingInput } from './model.js';
export { formatTraceparent, newSpanId, newTraceId, parseTraceparent, SPAN_ID, TRACE_ID, type TraceContext } from './trace-context.js';
export { logbookFor } from './registry.js';
export { logbookRoutes } from './routes.js';
