/** The outcome of one case: passed (no failure, no skip reason), failed with what differed, or skipped and why. */
record Outcome(Case testCase, String failure, String skipReason, long millis) {
}
