/** aria-mt5: placeholder until its issue lands. */
package io.aria.mt5;
