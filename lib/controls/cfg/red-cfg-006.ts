import { HIGH_RISK_COMMANDS, type HighRiskCommand } from '../../facts/self-hosted';
import { defineControl } from '../define-control';
import { configRef, need, ptr } from '../support/facts';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';

function isProbed(command: string): command is HighRiskCommand {
  return (HIGH_RISK_COMMANDS as readonly string[]).includes(command);
}

export default defineControl('RED-CFG-006', {
  expected: (t) => `${t.highRiskCommands.join(', ')} unavailable under their own names (DEBUG also when enable-debug-command no)`,
  self(facts, ctx) {
    const ref = ptr('commands');
    const commands = need(facts.commands, ref);
    if (!commands.ok) return commands.verdict;
    const debugDisabled = facts.config.ok && facts.config.value.values['enable-debug-command'] === 'no';
    const checks: Check[] = ctx.thresholds.highRiskCommands.map((raw) => {
      const command = raw.toUpperCase();
      if (!isProbed(command)) {
        return undecided(command, 'not_assessable', `${command} is not among the commands the probe checks`, [ref]);
      }
      if (commands.value[command] === 'missing') return passed(command, 'renamed or disabled', [ptr('commands', command)]);
      if (command === 'DEBUG' && debugDisabled) {
        return passed(command, 'enable-debug-command no', [ptr('commands', command), configRef('enable-debug-command')]);
      }
      return failed(command, 'available', `${command} is available under its own name`, [ptr('commands', command)]);
    });
    return combine(checks);
  },
});
