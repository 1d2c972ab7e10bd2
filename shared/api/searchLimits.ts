/** Limits of a text search (conversations, the routing log): both the API's schema and the store hold them. */

/** Longest query text accepted. */
export const MAX_QUERY_LENGTH = 200;
/** Most words in a query: each is one index look-up. */
export const MAX_QUERY_WORDS = 8;
