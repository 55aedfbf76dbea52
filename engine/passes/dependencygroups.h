#pragma once

// Channel dependency groups (DESIGN.md §2): which channel slices of which tensors must be
// removed together so that a graph stays valid and computes the same function on the
// channels it keeps. Plain data, no LibTorch, so the GUI can show and the CLI print them.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace slim::engine::graph { class Graph; }

namespace slim::engine::passes {

/// Which side of a layer a member slices.
enum class MemberRole {
    /// Makes the group's channels: filter rows and bias of a conv, ConvTranspose or Linear, a
    /// depthwise conv's filters (its input and output channels are the same channels),
    /// BatchNorm's γ, β and running statistics, a per-channel constant operand.
    Producer,
    /// Reads the group's channels: the input-channel slices of a conv, ConvTranspose or Linear
    /// weight. Zeroing these slices makes a removed channel's value irrelevant downstream.
    Consumer,
};

/// One tensor the group slices. Group index k owns the entries
/// `indices[k * span .. (k + 1) * span)` along `axis` of the node's parameter or buffer
/// `tensor` (several when one channel covers a block: the H×W features of a Linear after
/// Flatten, the filters of a depthwise conv with a channel multiplier).
struct GroupMember {
    int node = -1;              ///< index into Graph::nodes()
    std::string nodeName;
    std::string tensor;         ///< "weight", "bias", "running_mean", "running_var", "operand"
    int axis = 0;               ///< axis of the stored tensor
    MemberRole role = MemberRole::Producer;
    int span = 1;
    std::vector<std::int64_t> indices;

    std::span<const std::int64_t> entries(std::int64_t groupIndex) const
    {
        return {indices.data() + groupIndex * span, static_cast<std::size_t>(span)};
    }
};

/// A value the group's channels flow through (a conv output, a Concat's slice of it, a
/// Flatten's features). Group index k owns `positions[k * span .. (k + 1) * span)` of its
/// channel axis (PyTorch dim 1; for a channel-shuffle reshape, the flattened split axes).
struct GroupValue {
    int value = -1;             ///< ValueId
    std::string valueName;
    int span = 1;
    std::vector<std::int64_t> positions;
};

/// Why a group may not be pruned: the node and the reason, in English for logs and the CLI.
struct Blocker {
    std::string node;
    std::string reason;
    bool operator==(const Blocker&) const = default;
};

/// A set of coupled channel slices. Removing group index k removes entry k of every member
/// and every value at once.
struct ChannelGroup {
    std::string name;                  ///< the first producing node ("layer1.0.conv1"), unique within the graph
    std::int64_t channels = 0;         ///< number of group indices
    std::vector<GroupMember> members;  ///< in topological order of their nodes
    std::vector<GroupValue> values;    ///< in topological order
    std::vector<Blocker> blockers;     ///< empty when the group may be pruned

    bool prunable() const { return blockers.empty(); }
};

struct DependencyOptions {
    /// Nodes whose output channels must stay (their input channels may still shrink when the
    /// layer before them is pruned). The model input and final outputs are always kept.
    std::vector<std::string> protectedNodes;
};

/// The groups of one graph, in topological order of their first value.
struct DependencyGroups {
    std::vector<ChannelGroup> groups;
    std::size_t nodeCount = 0;   ///< of the graph they were found in, to catch a mix-up
    std::size_t valueCount = 0;

    int prunableCount() const;
    /// Indices of the groups `nodeName` produces channels for (several when slices split its
    /// output), or any role when `producersOnly` is false.
    std::vector<int> groupsOfNode(std::string_view nodeName, bool producersOnly = true) const;
    /// The group of that name, or -1.
    int findGroup(std::string_view groupName) const;
};

/// Finds the channel dependency groups of a valid graph. Couplings the analysis follows:
/// conv/ConvTranspose/Linear outputs to the input channels of every consumer; BatchNorm;
/// pass-through ops (activations, Clamp, Dropout, Identity, pools, Upsample, Pad, Mean and
/// Softmax over other axes); both sides of Add/Sub/Mul/Div (an SE block's C×1×1 gate
/// included) and their per-channel constants; Concat offsets; Slice ranges on the channel
/// axis; depthwise convs (input and output channels are one); grouped convs (the same
/// positions in every conv group, so the groups shrink evenly); Flatten and Reshape into
/// blocks of features; channel shuffle (a Reshape that splits the channel axis, a Permute
/// of the two split axes, a Reshape that merges them). Anything else (a Softmax or Mean
/// across channels, a Slice with a step on channels, a Permute or Reshape that moves or mixes
/// the channel axis, a broadcast of one channel over many) blocks the groups it touches,
/// naming the node and why, so they are never pruned. Graph inputs, graph outputs and the
/// outputs of `options.protectedNodes` are blocked too.
///
/// Throws Error(InvalidGraph / ShapeMismatch) for an invalid graph and
/// Error(InvalidArgument) naming a protected node that does not exist. Pure; any thread.
DependencyGroups findDependencyGroups(const graph::Graph& graph, const DependencyOptions& options = {});

} // namespace slim::engine::passes
