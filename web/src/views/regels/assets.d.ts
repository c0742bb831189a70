// Vite's asset imports, for the type checker: `?url` gives the built file's address.
declare module '*?url' {
  const url: string;
  export default url;
}
declare module '*.css';
