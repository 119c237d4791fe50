import type { ReadmeSetup } from '@davinci/readme-examples';

/**
 * What the README's programs print: its README test and the release rehearsal check the same.
 * Each program starts and stops a sandbox of its own, so its prose assumes nothing else.
 */
export const readmeSetup: ReadmeSetup = {
  printed: [
    'Ada\nuser.created\n',
    "[ 'ada@users.example' ] Welcome MessageRejected\n",
    "[ 'orders-dlq', 'orders-work' ]\ndeployed 1 stack(s): 2 resource(s) created (SQS::Queue ×2), 0 recorded without a local effect\n",
    '',
  ],
};
