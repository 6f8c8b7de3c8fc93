/** aria-risk: placeholder until its issue lands. */
package io.aria.risk;
