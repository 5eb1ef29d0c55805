// Due dates are calendar days of a Cabinet order, kept in Latvia: a day ends at midnight in Riga,
// not in UTC. The API and the web app decide "overdue" with these same two functions.

/** Today's date in Riga as YYYY-MM-DD. */
export function rigaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** A due date is missed once its day is over in Riga. */
export const isOverdue = (dueDate: string, today = rigaToday()) => today > dueDate
