/**
 * The switch of the bank's second edition. While it is off, a `ready` file may still be written
 * the first-edition way (a flat numbered hint list, criteria without leveled expectations) so the
 * unconverted questions keep loading; a file that uses either new shape is held to the whole
 * second edition already. Turn it on once every file is converted: from then on every `ready`
 * question needs hint ladders and leveled expectations on every criterion of its rubric.
 */
export const REQUIRE_SECOND_EDITION = false
