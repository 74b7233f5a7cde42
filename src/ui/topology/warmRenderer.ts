/**
 * Prepares, one element at a time, what cytoscape's canvas renderer computes for every element
 * in its first frame: the element's style, its bounding box (with its rendered style and label
 * dimensions) and its textures at the level of detail the first frame draws at. The renderer
 * then only copies textures into its layers. On a slow phone that first frame was one task of
 * 0.5 to 1 s (of which about half bounding boxes and labels, half drawing every element into its
 * texture); called a slice at a time (see inSlices) it leaves the first frame a fraction of that.
 *
 * Reaches into the renderer (`drawCachedElement`, `getPixelRatio`, `flushRenderedStyleQueue`),
 * which cytoscape does not publish: where they are missing (another renderer, another version),
 * only the style and the bounding box are prepared and the first frame does the rest, as before.
 */
import type { Core, SingularElementReturnValue } from 'cytoscape';

interface CanvasRendererInternals {
  flushRenderedStyleQueue?: () => void;
  drawCachedElement?: (
    context: CanvasRenderingContext2D,
    ele: SingularElementReturnValue,
    pxRatio: null,
    extent: null,
    lvl: number,
    requestHighQuality: boolean,
  ) => void;
  getPixelRatio?: () => number;
}

const internals = (cy: Core): CanvasRendererInternals | undefined =>
  (cy as unknown as { renderer?: () => CanvasRendererInternals }).renderer?.();

/**
 * Does now what the renderer's next frame would do for the elements added or changed since
 * its last one (their styles, texture keys and rendered styles), so that it is done in the
 * caller's slice rather than in that frame.
 */
export function flushRenderQueue(cy: Core): void {
  internals(cy)?.flushRenderedStyleQueue?.();
}

/** The texture caches' bounds on the level (log2 of the scale), as cytoscape's layers use. */
const MIN_LEVEL = -4;
const MAX_LEVEL = 2;

/** A function that prepares element i of `eles` for the first frame at the current zoom. */
export function elementWarmer(
  cy: Core,
  eles: ArrayLike<SingularElementReturnValue>,
): (i: number) => void {
  const renderer = internals(cy);
  const draw = renderer?.drawCachedElement?.bind(renderer);
  const ratio = renderer?.getPixelRatio?.call(renderer) ?? 1;
  // The level the renderer's layers draw elements at (LayeredTextureCache.getLayers); above the
  // highest, cytoscape draws directly and caches nothing.
  const level = Math.max(MIN_LEVEL, Math.ceil(Math.log2(cy.zoom() * ratio)));
  const context =
    draw && level <= MAX_LEVEL && typeof document !== 'undefined'
      ? document.createElement('canvas').getContext('2d')
      : null;
  return (i) => {
    const ele = eles[i];
    ele.style('display');
    ele.boundingBox();
    if (context && draw) draw(context, ele, null, null, level, true);
  };
}
