/**
 * Images beyond the broker's that some labs run (lab 15's NGINX). The runner checks the broker
 * image before a run (support/docker/preflight.ts); the others are checked here, before the
 * first scenario of a lab that needs one, once per worker: an image whose folder changed since it
 * was built (brokers/images/<name>/) is built now, with progress, instead of failing every
 * scenario with "No such image". `npm run setup` builds them all beforehand.
 */
import { Before } from '@cucumber/cucumber';
import { assertDockerAndImageReady } from '../docker/preflight';
import { imageTag } from '../images/catalogue';

/** The catalogue images each lab's tag needs besides the broker image. */
const IMAGES_OF_LAB: Record<string, string[]> = {
  '@lab15': ['nginx'],
};

const checked = new Set<string>();

for (const [tag, images] of Object.entries(IMAGES_OF_LAB)) {
  // A build takes a minute or two the first time: far beyond a step's bound.
  Before({ tags: tag, timeout: 600_000 }, function () {
    for (const name of images.filter((image) => !checked.has(image))) {
      assertDockerAndImageReady(imageTag(name));
      checked.add(name);
    }
  });
}
