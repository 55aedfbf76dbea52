#pragma once

// The job contract moved to core/ so that train/, passes/ and the methods report progress
// without depending on jobs/; this header stays for the includes that still name it.
#include "core/job.h"
