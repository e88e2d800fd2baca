/**
 * The one test module that touches WebGPU. Every GPU suite is imported here instead of being its own `*_test.ts`:
 * with Deno 2.9.6 (llvmpipe), each test module that touches `navigator.gpu` gets a WebGPU instance in its own
 * worker, and with two or more of them the process crashed at exit ("double free or corruption", "malloc_consolidate")
 * in 2-4 of 10 runs after every test had passed. With a single module it did not happen in 10 runs. The doc
 * examples that would call `navigator.gpu` are marked `ignore` for the same reason; these suites cover them.
 *
 * @module
 */

import "./device.ts";
import "./arith.ts";
import "./compare_compact_aggregate.ts";
import "./fused_query.ts";
import "./resident_keyed_table.ts";
