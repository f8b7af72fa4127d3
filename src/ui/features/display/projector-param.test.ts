import { describe, expect, it } from 'vitest';
import { startI18n } from '../../i18n/i18n';
import { parseProjectorParam } from './projector-param';

await startI18n('en');

describe('?projector=', () => {
  it('turns projector mode on or off, or leaves the choice of this browser alone', () => {
    expect(parseProjectorParam('?net=room-12&projector=1')).toEqual({ projector: true, warning: null });
    expect(parseProjectorParam('?projector=0')).toEqual({ projector: false, warning: null });
    expect(parseProjectorParam('?net=room-12')).toEqual({ projector: null, warning: null });
  });

  it('ignores any other value, with a warning', () => {
    expect(parseProjectorParam('?projector=yes')).toEqual({ projector: null, warning: '?projector=yes ignored: projector must be 0 or 1.' });
  });
});
