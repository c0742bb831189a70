/** OpenAPI security requirement for routes that need an API key (either header works). */
export const API_KEY_SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];
