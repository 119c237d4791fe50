export {
  parseReadmeBlocks,
  type ReadmeBlock,
  ReadmeBlockError,
  readReadmeBlocks,
} from './blocks.js';
export {
  type ExampleContext,
  type ExampleProgram,
  examplePrograms,
  joinModules,
  type ReadmeSetup,
} from './programs.js';
export {
  type ProgramRun,
  runCommand,
  runProgram,
  STRICT_COMPILER_OPTIONS,
  typeCheckPrograms,
  writePrograms,
} from './run.js';
