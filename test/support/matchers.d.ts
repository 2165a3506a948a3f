// Types of the aws-sdk-client-mock matchers that jest.config.js registers (setupFilesAfterEnv).
import 'aws-sdk-client-mock-jest';
