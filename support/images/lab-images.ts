/**
 * The catalogue images a lab runs besides the broker image (support/images/catalogue.ts): its
 * kinds of service that have images of their own. The runner makes sure they are on the machine
 * before cucumber starts, as it does for the broker image: an image whose folder changed is built
 * then, with progress, once, instead of failing each scenario with "No such image" or building
 * it in several workers at once. `npm run setup` builds them all beforehand.
 */
const IMAGES_OF_LAB: Readonly<Record<string, readonly string[]>> = {
  lab15: ['nginx'], // the second load balancer (support/services/kinds/nginx.ts)
  lab18: ['node-service'], // the auth service (support/services/kinds/auth-service.ts)
};

/** The extra images of the labs whose feature files are `uris` (features/labNN/...). */
export function imagesOfFeatures(uris: readonly string[]): string[] {
  const labs = new Set(uris.map((uri) => /(?:^|[\\/])features[\\/](lab\d\d)[\\/]/.exec(uri)?.[1]));
  return [...new Set([...labs].flatMap((lab) => (lab ? (IMAGES_OF_LAB[lab] ?? []) : [])))];
}
