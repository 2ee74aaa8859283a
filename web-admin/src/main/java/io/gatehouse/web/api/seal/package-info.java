/** The public keys session seals are verified with, for anyone checking a recording. */
package io.gatehouse.web.api.seal;
