/**
 * URLs the emulator puts in `self` and `html_url`. `self` points back at the emulator so a client
 * that follows it stays on the emulator; `html_url` opens the emulator's console on the object.
 */
export class Links {
  readonly #baseUrl: () => string;

  constructor(baseUrl: () => string) {
    this.#baseUrl = baseUrl;
  }

  get base(): string {
    return this.#baseUrl();
  }

  api(collection: string, id: string): string {
    return `${this.base}/${collection}/${id}`;
  }

  html(collection: string, id: string): string {
    return `${this.base}/?${collection}=${encodeURIComponent(id)}`;
  }

  prioritiesPage(): string {
    return `${this.base}/?account=incident_priorities`;
  }
}
