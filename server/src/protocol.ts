/**
 * What client and server share: command identifiers, settings and custom messages. Defined once
 * here and imported by both sides (the client bundle includes this file), so they cannot drift.
 * Adding a setting takes four steps: package.json `contributes.configuration`, `Settings` below,
 * `DEFAULT_SETTINGS`, and its use site.
 */

export const LANGUAGE_ID = 'imr';

/** Commands the server executes (`workspace/executeCommand`); the client registers palette entries. */
export const ServerCommands = {
  extractLetter: 'imr.server.extractLetter',
} as const;

export interface Settings {
  /** Largest document (in characters) given every feature; above it only the outline is computed. */
  maxDocumentSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  maxDocumentSize: 20_000_000,
};
