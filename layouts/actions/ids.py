"""Component ids of action plans (/data/actions, and the site page's section)."""

ACTIONS_SITE = "actions-site"
ACTIONS_PLAN = "actions-plan"
ACTIONS_EDITOR = "actions-editor"
ACTIONS_EDITOR_NOTE = "actions-editor-note"
ACTIONS_PICK = "actions-pick"
ACTIONS_CHARACTERISTIC = "actions-characteristic"
ACTIONS_TEXT = "actions-text"
ACTIONS_OWNER = "actions-owner"
ACTIONS_DUE = "actions-due"
ACTIONS_STATUS = "actions-status"
ACTIONS_NOTE = "actions-note"
ACTIONS_SAVE = "actions-save"
ACTIONS_RESULT = "actions-result"
#: The number of saves so far (a dcc.Store): a save redraws the plan from the database.
ACTIONS_SAVED = "actions-saved"
#: The action the form was opened on and its version then (a dcc.Store, {"id", "version"};
#: None for a new action): a save on an older version is refused.
ACTIONS_OPENED = "actions-opened"
