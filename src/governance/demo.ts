import type { AppContext } from '../kernel/capability.js';
import type { MandateInput, OrganisationInput } from './model.js';
import { createMandate, createOrganisation } from './service.js';
import { getMandate, getOrganisation } from './store.js';

const TOOI = 'https://identifier.overheid.nl/tooi/id';

/**
 * The demo district's organisations. TOOI URIs use the CBS municipality codes; OINs
 * are left out where we could not verify them rather than invented.
 */
export const DEMO_ORGANISATIONS: OrganisationInput[] = [
  { id: 'gemeente-delft', name: 'Gemeente Delft', kind: 'gemeente', uri: `${TOOI}/gemeente/gm0503`, website: 'https://www.delft.nl', email: 'data@example.org' },
  { id: 'gemeente-amsterdam', name: 'Gemeente Amsterdam', kind: 'gemeente', uri: `${TOOI}/gemeente/gm0363`, website: 'https://www.amsterdam.nl', email: 'data@example.org' },
  { id: 'gemeente-rotterdam', name: 'Gemeente Rotterdam', kind: 'gemeente', uri: `${TOOI}/gemeente/gm0599`, website: 'https://www.rotterdam.nl' },
  { id: 'gemeente-den-haag', name: 'Gemeente Den Haag', kind: 'gemeente', uri: `${TOOI}/gemeente/gm0518`, website: 'https://www.denhaag.nl' },
  { id: 'gemeente-utrecht', name: 'Gemeente Utrecht', kind: 'gemeente', uri: `${TOOI}/gemeente/gm0344`, website: 'https://www.utrecht.nl' },
  { id: 'gemeente-goes', name: 'Gemeente Goes', kind: 'gemeente', uri: `${TOOI}/gemeente/gm0664`, website: 'https://www.goes.nl' },
  { id: 'rdw', name: 'RDW', kind: 'rijk', website: 'https://www.rdw.nl' },
  { id: 'rivm', name: 'Rijksinstituut voor Volksgezondheid en Milieu', kind: 'rijk', website: 'https://www.rivm.nl' },
  { id: 'ministerie-bzk', name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', kind: 'rijk', website: 'https://www.rijksoverheid.nl' },
  { id: 'tu-delft-3d', name: 'TU Delft, 3D geoinformation', kind: 'ngo', website: 'https://3d.bk.tudelft.nl' },
  { id: 'nationaal-parkeer-register', name: 'Stichting Nationaal Parkeer Register', kind: 'netwerkorganisatie', example: true },
];

/**
 * Mandates behind the demo data. Laws are real; council decisions and agreements that
 * we could not check against the source are marked `example: true` and say so.
 */
export const DEMO_MANDATES: MandateInput[] = [
  {
    id: 'omgevingswet',
    kind: 'wet-of-regeling',
    title: 'Omgevingswet',
    date: '2016-03-23',
    decidedBy: { name: 'Staten-Generaal', elected: true },
    link: 'https://wetten.overheid.nl/BWBR0037885',
    ownerId: 'ministerie-bzk',
  },
  {
    id: 'raad-delft-digitale-tweeling',
    kind: 'raadsbesluit',
    title: 'Voorbeeld: raadsbesluit over de digitale tweeling en open data van Delft',
    date: '2023-06-29',
    decidedBy: { name: 'Gemeenteraad van Delft', elected: true, organisationId: 'gemeente-delft' },
    example: true,
    ownerId: 'gemeente-delft',
  },
  {
    id: 'college-delft-parkeerdata',
    kind: 'collegebesluit',
    title: 'Voorbeeld: collegebesluit delen van parkeerdata met het Nationaal Parkeer Register',
    date: '2024-02-13',
    decidedBy: { name: 'College van burgemeester en wethouders van Delft', elected: false, organisationId: 'gemeente-delft' },
    basedOn: 'raad-delft-digitale-tweeling',
    example: true,
    ownerId: 'gemeente-delft',
  },
  {
    id: 'convenant-parkeerdata',
    kind: 'convenant',
    title: 'Voorbeeld: convenant open parkeerdata (SPDP) tussen gemeenten, RDW en NPR',
    date: '2020-01-01',
    signatories: ['rdw', 'gemeente-delft', 'gemeente-amsterdam', 'nationaal-parkeer-register'],
    example: true,
    ownerId: 'rdw',
  },
  {
    id: 'raad-amsterdam-sensorregister',
    kind: 'raadsbesluit',
    title: 'Voorbeeld: verordening meldplicht sensoren Amsterdam',
    date: '2021-06-01',
    decidedBy: { name: 'Gemeenteraad van Amsterdam', elected: true, organisationId: 'gemeente-amsterdam' },
    example: true,
    ownerId: 'gemeente-amsterdam',
  },
  {
    id: 'algoritmeregister-kabinetsbeleid',
    kind: 'geen',
    title: 'Algoritmeregister van de Nederlandse overheid: kabinetsbeleid zonder wettelijke grondslag',
    decidedBy: { name: 'Ministerraad', elected: false, organisationId: 'ministerie-bzk' },
    ownerId: 'ministerie-bzk',
  },
];

/** Loads the demo organisations and mandates once; existing records are left as they are. */
export async function seedGovernanceDemo(ctx: AppContext): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    for (const org of DEMO_ORGANISATIONS) if (!(await getOrganisation(tx, org.id!))) await createOrganisation(tx, org);
    for (const m of DEMO_MANDATES) if (!(await getMandate(tx, m.id!))) await createMandate(tx, m);
  });
}
