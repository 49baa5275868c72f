/**
 * Words of treatment requests and guideline section names, grouped by what they are about, so
 * that a request for "MRI of the cervical spine" ranks ACOEM's "Special Studies" first and
 * "Flexeril 10mg #60" ranks "Muscle relaxants (for pain)" and "Cyclobenzaprine (Flexeril)" first.
 *
 * General medical vocabulary (test and treatment names, drug classes with common generic and brand
 * names), written from what each guideline heading covers, not from any letter: ACOEM's 2nd edition
 * chapters share the headings Diagnostic Criteria, Initial Care, Activity Modification, Physical
 * Methods, Special Studies (imaging and electrodiagnostic tests), Surgical Considerations and
 * Follow-up Visits. Used only to rank completion items; nothing is stated to the user from it.
 */

const GROUPS: Readonly<Record<string, readonly string[]>> = {
  'diagnostic-study': [
    'special', 'study', 'studies', 'mri', 'magnetic', 'resonance', 'imaging', 'image', 'ct', 'tomography', 'xray', 'ray', 'rays',
    'radiograph', 'radiographs', 'radiography', 'scan', 'scans', 'arthrogram', 'arthrography', 'myelogram', 'myelography',
    'sonography', 'ultrasound', 'emg', 'ncs', 'ncv', 'electromyography', 'electromyogram', 'electrodiagnostic',
    'electrodiagnostics', 'conduction', 'eds',
  ],
  electrodiagnostic: ['emg', 'ncs', 'ncv', 'electromyography', 'electromyogram', 'electrodiagnostic', 'electrodiagnostics', 'conduction', 'eds'],
  'physical-method': [
    'physical', 'method', 'methods', 'therapy', 'therapies', 'pt', 'physiotherapy', 'exercise', 'exercises', 'rehabilitation',
    'rehab', 'manipulation', 'manipulative', 'chiropractic', 'chiropractor', 'manual', 'massage', 'mobilization', 'tens',
    'traction', 'heat', 'cold', 'ice', 'cryotherapy', 'hot', 'paraffin', 'aquatic', 'pool', 'stimulation', 'stimulator',
    'interferential', 'ultrasound', 'modalities', 'modality', 'occupational', 'ot',
  ],
  manipulation: ['manipulation', 'manipulative', 'chiropractic', 'chiropractor', 'manual', 'mobilization', 'adjustment', 'adjustments'],
  surgery: [
    'surgery', 'surgical', 'surgeries', 'operative', 'postoperative', 'preoperative', 'perioperative', 'arthroscopy',
    'arthroscopic', 'repair', 'decompression', 'fusion', 'laminectomy', 'laminotomy', 'discectomy', 'microdiscectomy',
    'meniscectomy', 'release', 'replacement', 'arthroplasty', 'reconstruction', 'debridement', 'tenodesis', 'osteotomy',
    'acromioplasty', 'foraminotomy', 'hemilaminectomy', 'excision', 'resection', 'fixation', 'implant', 'removal',
    'associated', 'anesthesia', 'assistant', 'inpatient', 'stay',
  ],
  visit: ['follow', 'followup', 'visit', 'visits', 'office', 'consultation', 'consult', 'referral', 'evaluation', 'management', 'specialist', 'appointment'],
  injection: [
    'injection', 'injections', 'epidural', 'esi', 'esis', 'facet', 'block', 'blocks', 'rhizotomy', 'radiofrequency', 'ablation',
    'trigger', 'steroid', 'cortisone', 'corticosteroid', 'transforaminal', 'interlaminar', 'medial', 'branch',
  ],
  medication: ['medication', 'medications', 'drug', 'drugs', 'tablet', 'tablets', 'capsule', 'capsules', 'mg', 'tab', 'tabs', 'refill', 'refills', 'prescription'],
  nsaid: [
    'nsaid', 'nsaids', 'antiinflammatory', 'inflammatory', 'ibuprofen', 'motrin', 'naproxen', 'naprosyn', 'anaprox', 'diclofenac',
    'voltaren', 'meloxicam', 'mobic', 'celecoxib', 'celebrex', 'etodolac', 'nabumetone', 'relafen', 'ketoprofen', 'ketorolac',
    'toradol', 'indomethacin', 'piroxicam', 'feldene', 'diflunisal', 'salsalate',
  ],
  'muscle-relaxant': [
    'muscle', 'relaxant', 'relaxants', 'cyclobenzaprine', 'flexeril', 'fexmid', 'amrix', 'tizanidine', 'zanaflex', 'methocarbamol',
    'robaxin', 'carisoprodol', 'soma', 'baclofen', 'orphenadrine', 'norflex', 'metaxalone', 'skelaxin', 'chlorzoxazone',
    'parafon', 'dantrolene',
  ],
  ppi: [
    'ppi', 'ppis', 'proton', 'pump', 'omeprazole', 'prilosec', 'pantoprazole', 'protonix', 'esomeprazole', 'nexium',
    'lansoprazole', 'prevacid', 'rabeprazole', 'aciphex', 'dexlansoprazole', 'dexilant', 'gastrointestinal', 'gi',
  ],
  opioid: [
    'opioid', 'opioids', 'opiate', 'opiates', 'narcotic', 'norco', 'hydrocodone', 'vicodin', 'oxycodone', 'percocet', 'oxycontin',
    'roxicodone', 'tramadol', 'ultram', 'ultracet', 'morphine', 'contin', 'kadian', 'fentanyl', 'duragesic', 'hydromorphone',
    'dilaudid', 'methadone', 'tapentadol', 'nucynta', 'codeine', 'buprenorphine', 'butrans', 'suboxone', 'oxymorphone',
    'opana', 'apap',
  ],
  aed: [
    'antiepilepsy', 'antiepileptic', 'anticonvulsant', 'anticonvulsants', 'aed', 'aeds', 'gabapentin', 'neurontin', 'gralise',
    'pregabalin', 'lyrica', 'topiramate', 'topamax', 'carbamazepine', 'tegretol', 'lamotrigine', 'lamictal', 'oxcarbazepine',
  ],
  antidepressant: [
    'antidepressant', 'antidepressants', 'tricyclic', 'tricyclics', 'amitriptyline', 'elavil', 'nortriptyline', 'pamelor',
    'desipramine', 'duloxetine', 'cymbalta', 'venlafaxine', 'effexor', 'bupropion', 'wellbutrin', 'sertraline', 'zoloft',
    'fluoxetine', 'prozac', 'citalopram', 'escitalopram', 'lexapro', 'paroxetine', 'paxil', 'trazodone', 'ssri', 'snri',
  ],
  benzodiazepine: [
    'benzodiazepine', 'benzodiazepines', 'alprazolam', 'xanax', 'lorazepam', 'ativan', 'diazepam', 'valium', 'clonazepam',
    'klonopin', 'temazepam', 'restoril',
  ],
  topical: [
    'topical', 'topicals', 'cream', 'creams', 'gel', 'ointment', 'lotion', 'patch', 'patches', 'compound', 'compounded',
    'compounds', 'transdermal', 'lidoderm', 'lidocaine', 'capsaicin', 'flector', 'menthoderm', 'terocin', 'salicylate',
    'menthol', 'camphor', 'analgesic', 'analgesics', 'pennsaid', 'rub',
  ],
  insomnia: ['insomnia', 'sleep', 'sleeping', 'zolpidem', 'ambien', 'eszopiclone', 'lunesta', 'zaleplon', 'sonata', 'hypnotic', 'melatonin', 'ramelteon'],
  constipation: ['constipation', 'laxative', 'docusate', 'colace', 'senna', 'senokot', 'linzess', 'amitiza', 'lubiprostone', 'movantik', 'naloxegol', 'relistor', 'miralax', 'stool'],
  antiemetic: ['antiemetic', 'antiemetics', 'nausea', 'vomiting', 'ondansetron', 'zofran', 'promethazine', 'phenergan', 'metoclopramide', 'reglan'],
  'drug-test': ['urine', 'urinalysis', 'toxicology', 'udt', 'uds'],
  psych: [
    'psychological', 'psychology', 'psychologist', 'psychiatric', 'psychiatrist', 'psychiatry', 'psychotherapy', 'psych',
    'cognitive', 'behavioral', 'behavioural', 'cbt', 'counseling', 'counselling', 'biofeedback', 'mental', 'depression', 'anxiety',
  ],
  acupuncture: ['acupuncture', 'electroacupuncture', 'acupressure', 'cupping', 'moxibustion'],
  'home-health': ['home', 'caregiver', 'aide', 'nursing', 'homemaker', 'attendant'],
  'work-conditioning': ['conditioning', 'hardening', 'restoration', 'frp'],
  laser: ['laser', 'lllt', 'infrared', 'light'],
  activity: ['activity', 'modification', 'modified', 'duty', 'restrictions', 'rest', 'bed'],
  'durable-equipment': ['brace', 'orthosis', 'orthotic', 'orthotics', 'splint', 'cane', 'walker', 'wheelchair', 'cushion', 'pillow', 'unit', 'device', 'purchase', 'rental', 'dme', 'equipment'],
};

const WORD_GROUPS = new Map<string, string[]>();
for (const [group, words] of Object.entries(GROUPS)) {
  for (const w of words) {
    const list = WORD_GROUPS.get(w) ?? [];
    list.push(group);
    WORD_GROUPS.set(w, list);
  }
}

/** Words too common in requests and section names to tell topics apart. */
const STOP = new Set([
  'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'or', 'as', 'at', 'by', 'is', 'be', 'was', 'per', 'x', 'times',
  'week', 'weeks', 'weekly', 'day', 'days', 'daily', 'month', 'months', 'qty', 'quantity', 'number', 'request', 'requested',
  'treatment', 'treatments', 'guideline', 'guidelines', 'chronic', 'pain', 'patient', 'recommended', 'not', 'left', 'right',
  'bilateral', 'general', 'use', 'retrospective', 'dos', 'date', 'service', 'services', 'sessions', 'session', 'one', 'two',
  'three', 'four', 'six', 'eight', 'twelve', 'additional', 'initial', 'trial', 'medical', 'mtus', 'acoem', 'odg', 'this',
  'that', 'are', 'has', 'have', 'been', 'which', 'there', 'it', 'its', 'from', 'than', 'if', 'no', 'other', 'should',
]);

/** A word's plain form: lower case, a plural "s" dropped from longer words. */
function stem(w: string): string {
  return w.length > 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') ? w.slice(0, -1) : w;
}

/**
 * The terms of a text: its content words and the groups they belong to (`#group`). Bounded: at
 * most `max` characters are read.
 */
export function terms(text: string, max = 4000, into: Set<string> = new Set()): Set<string> {
  const s = (text.length > max ? text.slice(0, max) : text).toLowerCase();
  const re = /[a-z][a-z0-9]*/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const w = m[0];
    if (w.length < 2 || STOP.has(w)) continue;
    into.add(stem(w));
    const groups = WORD_GROUPS.get(w);
    if (groups) for (const g of groups) into.add(`#${g}`);
  }
  return into;
}
