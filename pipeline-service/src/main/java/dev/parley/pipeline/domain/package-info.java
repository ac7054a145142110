/** Value types of the pipeline: claim kinds, quality modes, risk levels, case statuses. */
package dev.parley.pipeline.domain;
