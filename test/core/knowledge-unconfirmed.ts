/**
 * The rows of the team's reference table (shared/reference/guideline-facts.tsv) tagged
 * [UNCONFIRMED]: 2009 Chronic Pain guideline page numbers recalled from memory, never confirmed.
 * Copied here (page range and topic only) so the knowledge tests can check that none of them is
 * stated as fact, without reading the shared folder at test time.
 */
export interface PageRow {
  readonly from: number;
  readonly to: number;
  readonly topic: string;
}

/** 2009 CPMTG pages the table confirms from letters ([LETTER] rows). */
export const CONFIRMED_CPMTG_2009_PAGES: readonly PageRow[] = [
  { from: 23, to: 23, topic: 'Behavioral interventions' },
  { from: 23, to: 23, topic: 'Cognitive Behavioral Therapy (CBT) guidelines for chronic pain (within Behavioral interventions)' },
  { from: 98, to: 99, topic: "Physical medicine (letters: 'Physical Therapy'; PT entry cross-refers to Physical medicine)" },
  { from: 100, to: 102, topic: 'Psychological evaluations + Psychological treatment' },
];

/** All 66 [UNCONFIRMED] rows of the table. */
export const UNCONFIRMED_CPMTG_2009_PAGES: readonly PageRow[] = [
  { from: 11, to: 12, topic: 'Acetaminophen (APAP)' },
  { from: 13, to: 13, topic: 'Acupuncture (pointer to 9792.24.1)' },
  { from: 13, to: 16, topic: 'Antidepressants for chronic pain' },
  { from: 16, to: 22, topic: 'Antiepilepsy drugs (AEDs) / anti-convulsants' },
  { from: 18, to: 19, topic: 'Gabapentin (Neurontin) (within AEDs)' },
  { from: 19, to: 20, topic: 'Pregabalin (Lyrica) (within AEDs)' },
  { from: 21, to: 21, topic: 'Topiramate (within AEDs)' },
  { from: 22, to: 22, topic: 'Anti-inflammatory medications' },
  { from: 22, to: 22, topic: 'Aquatic therapy' },
  { from: 24, to: 24, topic: 'Benzodiazepines' },
  { from: 24, to: 25, topic: 'Biofeedback' },
  { from: 25, to: 26, topic: 'Botulinum toxin' },
  { from: 26, to: 27, topic: 'Buprenorphine' },
  { from: 28, to: 29, topic: 'Capsaicin, topical' },
  { from: 29, to: 29, topic: 'Carisoprodol (Soma)' },
  { from: 30, to: 34, topic: 'Chronic pain programs (functional restoration programs)' },
  { from: 35, to: 40, topic: 'Complex regional pain syndrome (CRPS) entries (diagnostic criteria, medications, SCS, sympathetic/epidural blocks)' },
  { from: 41, to: 42, topic: 'Cyclobenzaprine (Flexeril)' },
  { from: 42, to: 42, topic: 'Detoxification' },
  { from: 43, to: 43, topic: 'Drug testing (urine drug screen)' },
  { from: 43, to: 44, topic: 'Duloxetine (Cymbalta)' },
  { from: 46, to: 46, topic: 'Epidural steroid injections (ESIs)' },
  { from: 46, to: 47, topic: 'Exercise' },
  { from: 47, to: 47, topic: 'Fentanyl' },
  { from: 48, to: 48, topic: 'Functional improvement measures' },
  { from: 49, to: 49, topic: 'Functional restoration programs (FRPs)' },
  { from: 50, to: 50, topic: 'Glucosamine' },
  { from: 51, to: 51, topic: 'Home health services' },
  { from: 52, to: 54, topic: 'Implantable drug-delivery systems (IDDSs)' },
  { from: 56, to: 56, topic: 'Ketamine' },
  { from: 56, to: 57, topic: 'Lidocaine / Lidoderm (lidocaine patch)' },
  { from: 58, to: 60, topic: 'Manual therapy & manipulation' },
  { from: 60, to: 60, topic: 'Massage therapy' },
  { from: 60, to: 60, topic: 'Medications for chronic pain' },
  { from: 61, to: 62, topic: 'Methadone' },
  { from: 63, to: 66, topic: 'Muscle relaxants (for pain)' },
  { from: 66, to: 66, topic: 'Tizanidine (within muscle relaxants)' },
  { from: 67, to: 73, topic: 'NSAIDs (non-steroidal anti-inflammatory drugs)' },
  { from: 68, to: 69, topic: 'NSAIDs, GI symptoms & cardiovascular risk (PPI co-therapy)' },
  { from: 69, to: 69, topic: 'NSAIDs, hypertension and renal function' },
  { from: 70, to: 73, topic: 'NSAIDs, specific drug list & adverse effects' },
  { from: 74, to: 96, topic: 'Opioids (all opioid sub-entries)' },
  { from: 76, to: 77, topic: 'Opioids, therapeutic trial / initiating therapy' },
  { from: 76, to: 80, topic: 'Opioids, criteria for use' },
  { from: 78, to: 78, topic: "Opioids, on-going management (4 A's)" },
  { from: 79, to: 80, topic: 'Opioids, when to discontinue / when to continue' },
  { from: 80, to: 82, topic: 'Opioids for chronic pain (incl. neuropathic)' },
  { from: 86, to: 86, topic: 'Opioids, dosing (MED ceiling)' },
  { from: 88, to: 89, topic: 'Opioids, long-term assessment' },
  { from: 91, to: 94, topic: 'Opioids, specific drug list' },
  { from: 94, to: 95, topic: 'Opioids, steps to avoid misuse/addiction' },
  { from: 100, to: 101, topic: 'Psychological evaluations' },
  { from: 101, to: 102, topic: 'Psychological treatment' },
  { from: 103, to: 104, topic: 'Regional sympathetic blocks' },
  { from: 105, to: 105, topic: 'Salicylate topicals' },
  { from: 105, to: 107, topic: 'Spinal cord stimulators (SCS)' },
  { from: 111, to: 113, topic: 'Topical analgesics (incl. compounded)' },
  { from: 113, to: 113, topic: 'Tramadol (Ultram/Ultracet)' },
  { from: 114, to: 116, topic: 'TENS (transcutaneous electrotherapy), chronic pain' },
  { from: 117, to: 118, topic: 'H-wave stimulation' },
  { from: 118, to: 120, topic: 'Interferential current stimulation (ICS)' },
  { from: 121, to: 121, topic: 'Neuromuscular electrical stimulation (NMES)' },
  { from: 122, to: 122, topic: 'Trigger point injections' },
  { from: 124, to: 124, topic: 'Weaning of medications' },
  { from: 125, to: 125, topic: 'Work conditioning, work hardening' },
  { from: 126, to: 126, topic: 'Yoga' },
];
