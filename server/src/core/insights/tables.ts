/** The tables of the statistics, their titles and row names (no dependencies: the client bundles it). */
/** The tables of `Stats`, in the order they are shown, with their titles. */
export const STATS_TABLES: readonly { id: 'byCategory' | 'byDrugClass' | 'byGuideline' | 'bySpecialty' | 'byMonth' | 'byDaysToDecision'; title: string; rowName: string }[] = [
  { id: 'byCategory', title: 'Decisions by request category', rowName: 'Category' },
  { id: 'byDrugClass', title: 'Drug requests by drug class', rowName: 'Drug class' },
  { id: 'byGuideline', title: 'Decisions by guideline cited (MAXIMUS guideline)', rowName: 'Guideline' },
  { id: 'bySpecialty', title: 'Decisions by reviewer specialty', rowName: 'Reviewer specialty' },
  { id: 'byMonth', title: 'Decisions by decision month', rowName: 'Decision month' },
  { id: 'byDaysToDecision', title: 'Days from assignment to decision', rowName: 'Days' },
];
