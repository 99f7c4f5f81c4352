// The editor's page (helper D replaces this placeholder).
"use strict";
