/* tui-repeat.c: repeats on the curses screen: what the engine says
 * about :add and :delete. */
#include "app/tui.h"

void
tui_say_repeat(struct tui *t, enum run_reaction re)
{
	const struct run	*r = t->run;

	switch (re) {
	case RUN_DELETED:
		tui_sayf(t, I18N_DELETED, form_label(r->form,
		    &r->form->questions[r->repeat], r->lang));
		break;
	case RUN_CANNOT_ADD:
		tui_say(t, i18n(I18N_CANNOT_ADD));
		break;
	default:
		tui_say(t, i18n(I18N_NOT_IN_REPEAT));
		break;
	}
}
