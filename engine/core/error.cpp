#include "core/error.h"

#include <sstream>

namespace slim::engine {

void throwOutOfRange(const std::string& setting, double value, const std::string& range)
{
    std::ostringstream what;
    what << "must be " << range << ", got " << value;
    throw Error(ErrorCode::InvalidArgument, setting + ": " + what.str(), {setting, what.str()});
}

} // namespace slim::engine
