/** The guided lessons (`data-testid="lessons"`, one child per lesson). Placeholder until the lessons work lands. */
export function LessonsPanel() {
  return null;
}
