// Where a WebContainer run puts things in the workspace: shared by the page (which writes
// them) and the Vitest config inside the container (which reads them). No imports: both sides load it.
export const RUN_FILES = {
  /** The lab being graded, as JSON. */
  lab: 'lab.json',
  /** The implementation: impl/<slug>/<file>, the learner's files with the given files on top. */
  impl: 'impl',
  /** The browser graders: graders/<slug>/<path>. */
  graders: 'graders',
  /** Where the GradeReporter writes the reports. */
  report: 'grade-report.json',
} as const;
