/**
 * How the page is presented: the colour theme, presenter mode and its type size, written to
 * `<html data-theme>`, `<html data-presenter>` and `<html data-type-size>` (the contract app.css
 * and the canvas views read) and remembered. Presenter mode switches to the last projector theme used; leaving it
 * goes back to the theme from before.
 */
import { readSetting, writeSetting, type SettingsStorage } from './settingsStorage';
import { isTheme, type Theme } from './theme';
import { isTypeSize, type TypeSize } from './typeSize';

const THEME_KEY = 'edge-lab:theme';
const PROJECTOR_KEY = 'edge-lab:projector-theme';
const PRESENTER_KEY = 'edge-lab:presenter';
const TYPE_SIZE_KEY = 'edge-lab:type-size';

export class Presentation {
  theme = $state<Theme>('standard');
  presenter = $state(false);
  /** how large the type is in presenter mode */
  typeSize = $state<TypeSize>('normal');
  /** the projector theme presenter mode opens with */
  private projectorTheme: Theme = 'projector-light';
  /** the theme to return to when presenter mode ends */
  private themeBefore: Theme = 'standard';

  constructor(
    private readonly root: HTMLElement | null,
    private readonly storage: SettingsStorage | null,
  ) {
    const saved = readSetting(storage, THEME_KEY);
    if (isTheme(saved)) this.theme = saved;
    const projector = readSetting(storage, PROJECTOR_KEY);
    if (isTheme(projector) && projector !== 'standard') this.projectorTheme = projector;
    this.presenter = readSetting(storage, PRESENTER_KEY) === 'on';
    const size = readSetting(storage, TYPE_SIZE_KEY);
    if (isTypeSize(size)) this.typeSize = size;
    this.apply();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    if (theme !== 'standard') {
      this.projectorTheme = theme;
      writeSetting(this.storage, PROJECTOR_KEY, theme);
    }
    writeSetting(this.storage, THEME_KEY, theme);
    this.apply();
  }

  setPresenter(on: boolean): void {
    if (on === this.presenter) return;
    this.presenter = on;
    writeSetting(this.storage, PRESENTER_KEY, on ? 'on' : 'off');
    if (on) {
      this.themeBefore = this.theme;
      if (this.theme === 'standard') this.setTheme(this.projectorTheme);
    } else if (this.themeBefore !== this.theme) this.setTheme(this.themeBefore);
    this.apply();
  }

  setTypeSize(size: TypeSize): void {
    this.typeSize = size;
    writeSetting(this.storage, TYPE_SIZE_KEY, size);
    this.apply();
  }

  togglePresenter = (): void => this.setPresenter(!this.presenter);

  private apply(): void {
    if (!this.root) return;
    this.root.dataset.theme = this.theme;
    this.root.dataset.presenter = this.presenter ? 'on' : 'off';
    this.root.dataset.typeSize = this.typeSize;
  }
}
