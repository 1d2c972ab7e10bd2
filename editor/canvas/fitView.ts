/** Fitting the view never zooms in past 100 %: a new stream's one card opens at its own size, not blown up. */
export const FIT_VIEW = { padding: 0.15, maxZoom: 1 };
