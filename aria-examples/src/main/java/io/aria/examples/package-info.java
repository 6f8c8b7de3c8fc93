/** aria-examples: placeholder until its issue lands. */
package io.aria.examples;
