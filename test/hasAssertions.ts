/**
 * Every test must check something: a test whose expects all sit in a loop over an empty list, or behind
 * a condition that was false, fails instead of passing (jest setupFilesAfterEnv, every project).
 */
beforeEach(() => {
	expect.hasAssertions();
});
