// Preloaded into each test file's process by scripts/run-tests.mjs, after tsx (whose compile cache stays
// in the usual temporary folder): points the temporary folder of the tests, and of every process they
// start, at the folder the runner checks for leftovers. The runner's own process is left alone, so the
// processes it starts for the test files load tsx with the usual folder.
if (process.env.SMP_TEST_TMPDIR && !process.execArgv.includes("--test")) process.env.TMPDIR = process.env.SMP_TEST_TMPDIR;
