#!/usr/bin/env node
// Worker threads first, when the run will want them: they load their modules while this thread loads its own.
import { startWorkersEarly } from "../dist/cli/early-workers.js";

startWorkersEarly(process.argv.slice(2));
const { run } = await import("../dist/cli/main.js");
await run();
