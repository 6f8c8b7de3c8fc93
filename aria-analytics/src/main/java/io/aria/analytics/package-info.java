/** aria-analytics: placeholder until its issue lands. */
package io.aria.analytics;
