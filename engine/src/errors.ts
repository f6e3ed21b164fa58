/** An error the API returns to the client, with the service's error type name. */
export class ServiceError extends Error {
  constructor(
    readonly type: "ValidationException" | "ResourceNotFound" | "ConflictException" | "ResourceLimitExceeded" | "ResourceInUse",
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const validation = (message: string) => new ServiceError("ValidationException", message);
export const notFound = (message: string) => new ServiceError("ResourceNotFound", message);
export const conflict = (message: string) => new ServiceError("ConflictException", message);
