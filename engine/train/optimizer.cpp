#include "train/optimizer.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace slim::engine::train {

std::string optimizerName(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::AdamW: return "adamw";
    }
    return "?";
}

Optimizer::Optimizer(std::vector<at::Tensor> parameters, OptimizerSpec spec)
    : m_parameters(std::move(parameters))
    , m_spec(spec)
    , m_first(m_parameters.size())
    , m_second(m_parameters.size())
{
}

void Optimizer::zeroGrad()
{
    for (at::Tensor& p : m_parameters)
        p.mutable_grad() = at::Tensor();
}

void Optimizer::step(double learningRate)
{
    at::NoGradGuard noGrad;
    ++m_steps;
    const double decay = m_spec.weightDecay;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        at::Tensor& p = m_parameters[i];
        if (!p.grad().defined())
            continue;
        at::Tensor grad = p.grad();
        switch (m_spec.kind) {
        case OptimizerKind::Sgd: {
            if (decay != 0)
                grad = grad.add(p, decay);
            if (m_spec.momentum != 0) {
                at::Tensor& buffer = m_first[i];
                if (!buffer.defined())
                    buffer = grad.clone();
                else
                    buffer.mul_(m_spec.momentum).add_(grad);
                grad = m_spec.nesterov ? grad.add(buffer, m_spec.momentum) : buffer;
            }
            p.add_(grad, -learningRate);
            break;
        }
        case OptimizerKind::Adam:
        case OptimizerKind::AdamW: {
            if (m_spec.kind == OptimizerKind::AdamW)
                p.mul_(1.0 - learningRate * decay);
            else if (decay != 0)
                grad = grad.add(p, decay);
            if (!m_first[i].defined()) {
                m_first[i] = at::zeros_like(p);
                m_second[i] = at::zeros_like(p);
            }
            m_first[i].mul_(m_spec.beta1).add_(grad, 1.0 - m_spec.beta1);
            m_second[i].mul_(m_spec.beta2).addcmul_(grad, grad, 1.0 - m_spec.beta2);
            const double correction1 = 1.0 - std::pow(m_spec.beta1, static_cast<double>(m_steps));
            const double correction2 = 1.0 - std::pow(m_spec.beta2, static_cast<double>(m_steps));
            const at::Tensor denominator = (m_second[i].sqrt() / std::sqrt(correction2)).add_(m_spec.epsilon);
            p.addcdiv_(m_first[i], denominator, -learningRate / correction1);
            break;
        }
        }
    }
}

std::vector<graph::NamedTensor> Optimizer::state() const
{
    std::vector<graph::NamedTensor> state;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        if (m_first[i].defined())
            state.push_back({std::to_string(i) + ".first", m_first[i]});
        if (m_second[i].defined())
            state.push_back({std::to_string(i) + ".second", m_second[i]});
    }
    return state;
}

void Optimizer::setState(const std::vector<graph::NamedTensor>& state, std::int64_t steps)
{
    for (const graph::NamedTensor& named : state) {
        const auto dot = named.name.find('.');
        std::size_t index = 0;
        try {
            index = std::stoul(named.name.substr(0, dot));
        } catch (const std::exception&) {
            index = m_parameters.size();
        }
        if (dot == std::string::npos || index >= m_parameters.size()
            || named.tensor.sizes() != m_parameters[index].sizes())
            throw Error(ErrorCode::InvalidArgument, "optimizer state '" + named.name + "' does not fit the model",
                        {"optimizer state", named.name});
        (named.name.substr(dot + 1) == "first" ? m_first : m_second)[index] = named.tensor.clone();
    }
    m_steps = steps;
}

void Optimizer::maskState(std::size_t index, const at::Tensor& mask)
{
    at::NoGradGuard noGrad;
    for (auto* state : {&m_first, &m_second}) {
        at::Tensor& tensor = state->at(index);
        if (tensor.defined())
            tensor.mul_(mask);
    }
}

} // namespace slim::engine::train
