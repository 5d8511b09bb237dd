// Runs suites from fast to slow, so a broken unit test fails the run in seconds: unit < terraform, examples < emulator.
const Sequencer = require("@jest/test-sequencer").default;

const rank = (path) => (path.includes("/emulator/") ? 2 : path.includes("/terraform/") || path.includes("/examples/") ? 1 : 0);

class FastFirst extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}
module.exports = FastFirst;
