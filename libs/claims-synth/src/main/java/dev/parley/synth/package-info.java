/** Deterministic synthetic claims data with planted fraud patterns and their ground truth (see the README). */
package dev.parley.synth;
