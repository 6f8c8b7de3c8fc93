/** Helpers of aria-risk; not part of the API and may change without notice. */
package io.aria.risk.internal;
