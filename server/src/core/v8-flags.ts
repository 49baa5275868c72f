/**
 * V8's optimising-compiler settings of every process that reads letters: the language server and
 * the command-line tool set them at start-up, before any letter is read (they hold for the
 * process and its worker threads), and the benchmarks start their child processes with them, so
 * that they measure the core as it runs.
 *
 * Compiling the core is most of a short run's instructions and a large part of the first edits'.
 * Without loop peeling, and with a third of V8's default bytecode inlined into one function
 * (300 bytes against 920), each compile does less and the compiled code runs as fast. Over the
 * corpus, parse + all diagnostics executed 0.80x the instructions of V8's defaults in the first
 * three passes and 0.82x in the first twelve (valgrind, 2026-12-05; docs/performance.md).
 * The core itself reads nothing here: this is a plain string.
 */
export const V8_FLAGS = '--no-turbo-loop-peeling --max-inlined-bytecode-size-cumulative=300';
