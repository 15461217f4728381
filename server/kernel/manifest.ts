/**
 * The registry the app factory builds from every module's manifest. It lives on the AppContext (one per app, not
 * per process), so two apps in one process (tests) never share or leak registrations.
 */
import type { AuditAction } from './audit.ts';
import { ErrorRegistry, KernelErrors } from './errors.ts';
import type { FileAccessCheck } from './policy.ts';

/** The parts of a manifest the registry reads (the full type is ModuleManifest in context.ts). */
interface Declarations {
  name: string;
  errors?: ConstructorParameters<typeof ErrorRegistry>[0];
  permissions?: Readonly<Record<string, string>>;
  auditActions?: readonly AuditAction[];
  fileAccess?: Readonly<Record<string, FileAccessCheck>>;
}

export class ModuleRegistry {
  #errors = new ErrorRegistry([KernelErrors]);
  readonly #permissions = new Map<string, { module: string; description: string }>();
  readonly #auditActions = new Map<string, string>();
  readonly #fileAccess = new Map<string, FileAccessCheck>();

  /** Registers the declarations of all modules at once; throws (the app does not start) on any duplicate. */
  register(modules: readonly Declarations[]): void {
    this.#errors = new ErrorRegistry([KernelErrors, ...modules.flatMap((m) => m.errors ?? [])]);
    for (const m of modules) {
      for (const [permission, description] of Object.entries(m.permissions ?? {})) {
        const other = this.#permissions.get(permission);
        if (other) throw new Error(`permission ${permission} is declared by ${other.module} and ${m.name}`);
        this.#permissions.set(permission, { module: m.name, description });
      }
      for (const action of m.auditActions ?? []) {
        const other = this.#auditActions.get(action);
        if (other) throw new Error(`audit action ${action} is declared by ${other} and ${m.name}`);
        this.#auditActions.set(action, m.name);
      }
      for (const [owner, check] of Object.entries(m.fileAccess ?? {})) {
        // Same shape as the files module's owner names (stored in stored_file.owner_module).
        if (!/^[a-z][a-z0-9-]{0,63}$/.test(owner)) throw new Error(`invalid file owner name "${owner}"`);
        if (this.#fileAccess.has(owner)) throw new Error(`file access for ${owner} is declared twice`);
        this.#fileAccess.set(owner, check);
      }
    }
  }

  get errors(): ErrorRegistry {
    return this.#errors;
  }

  permissions(): ReadonlyMap<string, { module: string; description: string }> {
    return this.#permissions;
  }

  /** Whether a route may name this permission: 'public', 'authenticated' or one a manifest declares. */
  isDeclaredPermission(permission: string): boolean {
    return permission === 'public' || permission === 'authenticated' || this.#permissions.has(permission);
  }

  auditActions(): ReadonlyMap<string, string> {
    return this.#auditActions;
  }

  fileAccess(owner: string): FileAccessCheck | undefined {
    return this.#fileAccess.get(owner);
  }
}
