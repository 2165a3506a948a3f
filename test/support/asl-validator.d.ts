// asl-validator 4.0.0 ships no types: the part its README documents (`aslValidator(definition)`).
declare module 'asl-validator' {
  interface AslValidationResult {
    readonly isValid: boolean;
    readonly errors: ReadonlyArray<{ readonly message?: string }>;
    errorsText(separator?: string): string;
  }
  function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidationResult;
  export default aslValidator;
}
