// Global setup for the whole vitest run. The server's store tests add their PGlite template here.
export default async function setup(): Promise<void> {}
